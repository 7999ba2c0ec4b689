//! WRONG: the items are dealt out up front, one fixed chunk per worker, instead of
//! each idle worker taking the next item: a slow item holds up the rest of its chunk
//! while other workers sit idle.

pub fn map_with_pool<T, R, C>(
    items: &[T],
    workers: usize,
    make_client: impl Fn() -> C + Sync,
    job: impl Fn(&C, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let size = items.len().div_ceil(workers.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|chunk| {
                let (make_client, job) = (&make_client, &job);
                scope.spawn(move || {
                    let client = make_client();
                    chunk
                        .iter()
                        .map(|item| job(&client, item))
                        .collect::<Vec<R>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().expect("no job panics"))
            .collect()
    })
}
