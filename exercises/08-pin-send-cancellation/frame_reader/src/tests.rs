//! The tests of the `frame_reader` exercise. Its solution runs this same file, so
//! what passes there is exactly what you are asked for here.

use std::io;
use std::time::Duration;

use course_kit::watchdog;
use tokio::io::{AsyncWriteExt, DuplexStream};
use tokio::time::{Instant, sleep_until};

use crate::frame_reader::FrameReader;

const HANG: &str = "read_frame never returned. A read of 0 bytes means the stream has \
                    ended: it will never give more, so return (None, or an \
                    UnexpectedEof error inside a frame) instead of reading again. And \
                    a frame already whole in the buffer must be returned without \
                    waiting for more bytes.";

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// The bytes of `frames` as sent: each one's length byte, then its bytes.
fn encode(frames: &[&[u8]]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for frame in frames {
        bytes.push(u8::try_from(frame.len()).expect("test frames are short"));
        bytes.extend_from_slice(frame);
    }
    bytes
}

/// A pipe whose other end writes each `(at, bytes)` at its time, then hangs up (if
/// `hang_up`) or stays open for good.
fn pipe(script: Vec<(Duration, Vec<u8>)>, hang_up: bool) -> DuplexStream {
    let (mut writer, reader) = tokio::io::duplex(1024);
    tokio::spawn(async move {
        let start = Instant::now();
        for (at, bytes) in script {
            sleep_until(start + at).await;
            writer
                .write_all(&bytes)
                .await
                .expect("the reader end is open");
        }
        if !hang_up {
            std::future::pending::<()>().await;
        }
    });
    reader
}

/// Read frames until `Ok(None)` or an error: everything read, and how it ended.
async fn read_all(reader: &mut FrameReader<DuplexStream>) -> (Vec<Vec<u8>>, io::Result<()>) {
    let mut frames = Vec::new();
    loop {
        match reader.read_frame().await {
            Ok(Some(frame)) => frames.push(frame),
            Ok(None) => return (frames, Ok(())),
            Err(error) => return (frames, Err(error)),
        }
    }
}

fn owned(frames: &[&[u8]]) -> Vec<Vec<u8>> {
    frames.iter().map(|frame| frame.to_vec()).collect()
}

#[test]
fn frames_sent_one_byte_at_a_time_arrive_whole_then_a_clean_end() {
    let frames: [&[u8]; 3] = [b"hello", b"", b"world!"];
    let (got, ending) = watchdog::paused(watchdog::LIMIT, HANG, move || async move {
        let bytes = encode(&frames);
        let script = bytes
            .iter()
            .enumerate()
            .map(|(i, &b)| (ms(10 * i as u64), vec![b]));
        let mut reader = FrameReader::new(pipe(script.collect(), true));
        read_all(&mut reader).await
    });
    assert_eq!(
        got,
        owned(&frames),
        "each frame whole, the empty one included"
    );
    assert!(
        ending.is_ok(),
        "the stream ended between frames: Ok(None), not {ending:?}"
    );
}

#[test]
fn two_frames_and_a_half_in_one_write_lose_nothing() {
    let (got, ending) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let mut bytes = encode(&[b"one", b"two", b"three"]);
        let rest = bytes.split_off(bytes.len() - 2); // "...thr" now, "ee" later
        let mut reader = FrameReader::new(pipe(vec![(ms(0), bytes), (ms(50), rest)], true));
        read_all(&mut reader).await
    });
    assert_eq!(
        got,
        owned(&[b"one", b"two", b"three"]),
        "one read brought two frames and a half: the bytes after the first frame \
         belong to the next ones, keep them in the buffer"
    );
    assert!(ending.is_ok(), "{ending:?}");
}

#[test]
fn a_frame_already_in_the_buffer_is_returned_without_waiting_for_more_bytes() {
    let second = watchdog::paused(watchdog::LIMIT, HANG, || async {
        // Both frames in one write, and the pipe stays open, sending nothing more.
        let bytes = encode(&[b"first", b"second"]);
        let mut reader = FrameReader::new(pipe(vec![(ms(0), bytes)], false));
        let first = reader.read_frame().await.expect("no error");
        assert_eq!(first.as_deref(), Some(&b"first"[..]));
        tokio::time::timeout(ms(1000), reader.read_frame()).await
    });
    assert!(
        matches!(&second, Ok(Ok(Some(frame))) if frame == b"second"),
        "the second frame came with the first; read_frame must return it at once, not \
         wait for the stream: got {second:?} (Err(Elapsed) means it waited a second)"
    );
}

#[test]
fn an_end_inside_a_frame_is_an_unexpected_eof_error() {
    let (got, ending) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let mut bytes = encode(&[b"whole", b"cut short"]);
        bytes.truncate(bytes.len() - 3);
        let mut reader = FrameReader::new(pipe(vec![(ms(0), bytes)], true));
        read_all(&mut reader).await
    });
    assert_eq!(got, owned(&[b"whole"]));
    let kind = ending.as_ref().map_err(io::Error::kind);
    assert_eq!(
        kind,
        Err(io::ErrorKind::UnexpectedEof),
        "the stream ended 3 bytes short of a frame: that is an error, not a clean end"
    );
}

#[test]
fn reads_cancelled_by_select_lose_no_byte() {
    // Frames sent in halves 300ms apart; the reader's select! also ticks every 100ms,
    // so most read_frame futures are dropped half way.
    let frames: [&[u8]; 4] = [b"AAAAaaaa", b"BBBBbbbb", b"CCCCcccc", b"DDDDdddd"];
    let (got, ticks, error) = watchdog::paused(watchdog::LIMIT, HANG, move || async move {
        let mut script = Vec::new();
        for (index, frame) in frames.iter().enumerate() {
            let bytes = encode(&[frame]);
            let (first, second) = bytes.split_at(5);
            let at = 50 + 700 * index as u64;
            script.push((ms(at), first.to_vec()));
            script.push((ms(at + 300), second.to_vec()));
        }
        let mut reader = FrameReader::new(pipe(script, true));
        let mut ticker = tokio::time::interval_at(Instant::now() + ms(100), ms(100));
        let (mut got, mut ticks) = (Vec::new(), 0);
        let error = loop {
            tokio::select! {
                frame = reader.read_frame() => match frame {
                    Ok(Some(frame)) => got.push(frame),
                    Ok(None) => break None,
                    Err(error) => break Some(error.to_string()),
                },
                _ = ticker.tick() => ticks += 1,
            }
        };
        (got, ticks, error)
    });
    assert_eq!(
        (&got, error),
        (&owned(&frames), None),
        "read_frame was dropped by select! half way through frames, and bytes it had \
         read were lost with it. Put every byte into self.buffer with a read that \
         returns how many it took (read, or read_buf), never with read_exact: dropped \
         half way, read_exact loses the count of bytes it had filled, whether its slice \
         is a local of the future (the bytes are gone) or kept in self (the next call \
         writes over them from the start)"
    );
    assert!(ticks >= 20, "the ticks ran alongside ({ticks})");
}
