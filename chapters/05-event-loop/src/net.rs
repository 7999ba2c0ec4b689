//! Step 6, second half: an async TCP listener and stream on the reactor.
//!
//! asyncio's streams (`asyncio.start_server`, `asyncio.open_connection`) sit on
//! non-blocking sockets whose readiness the selector watches. These types are the
//! same: a non-blocking `mio` socket plus a [`Registration`], and each operation is
//! "try the system call; if it would block, wait for the reactor's wake-up".
//! Nothing here blocks the thread, so one loop serves thousands of connections.

use std::future::poll_fn;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr};

use crate::reactor::{Direction, Registration};

/// How many finished handshakes may wait for `accept`. std's, mio's and so
/// tokio's `bind` ask for 128, asyncio's `start_server` for 100; a thousand
/// clients connecting in one turn need more. Linux caps it at
/// `net.core.somaxconn` (4,096 since Linux 5.4).
const BACKLOG: i32 = 1024;

// ANCHOR: listener
/// A TCP server socket: the listening half of `asyncio.start_server`.
pub struct TcpListener {
    socket: mio::net::TcpListener,
    io: Registration,
}

impl TcpListener {
    /// Bind to `addr` (use port 0 for any free port) and listen.
    pub fn bind(addr: SocketAddr) -> io::Result<Self> {
        use socket2::{Domain, Socket, Type};
        let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
        // Restarting a server must not fail for a minute on the old port.
        socket.set_reuse_address(true)?;
        socket.bind(&addr.into())?;
        // Connections the kernel has completed but we have not accepted yet wait
        // in a queue of this length; beyond it, new clients' SYNs are dropped and
        // they retry a second later.
        socket.listen(BACKLOG)?;
        socket.set_nonblocking(true)?;
        let mut socket = mio::net::TcpListener::from_std(socket.into());
        let io = Registration::new(&mut socket)?;
        Ok(TcpListener { socket, io })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.socket.local_addr()
    }

    /// Wait for the next connection.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let (socket, peer) = poll_fn(|cx| {
            self.io
                .poll_io(cx, Direction::Read, || self.socket.accept())
        })
        .await?;
        Ok((TcpStream::new(socket)?, peer))
    }
}
// ANCHOR_END: listener

// ANCHOR: stream
/// A TCP connection: asyncio's `StreamReader` and `StreamWriter` in one.
pub struct TcpStream {
    socket: mio::net::TcpStream,
    io: Registration,
}

impl TcpStream {
    fn new(mut socket: mio::net::TcpStream) -> io::Result<Self> {
        let io = Registration::new(&mut socket)?;
        Ok(TcpStream { socket, io })
    }

    /// Connect to `addr`: `asyncio.open_connection(host, port)`.
    pub async fn connect(addr: SocketAddr) -> io::Result<Self> {
        // A non-blocking connect returns at once; the socket becomes writable when
        // the handshake is over, or reports an error if it failed.
        let stream = TcpStream::new(mio::net::TcpStream::connect(addr)?)?;
        poll_fn(|cx| {
            stream.io.poll_io(cx, Direction::Write, || {
                if let Some(error) = stream.socket.take_error()? {
                    return Err(error);
                }
                match stream.socket.peer_addr() {
                    Ok(_) => Ok(()),
                    // Not connected yet: wait for the next writable edge.
                    Err(error) if error.kind() == io::ErrorKind::NotConnected => {
                        Err(io::ErrorKind::WouldBlock.into())
                    }
                    Err(error) => Err(error),
                }
            })
        })
        .await?;
        Ok(stream)
    }

    /// Read what has arrived, up to `buf.len()` bytes; `Ok(0)` means the peer
    /// closed its side: `await reader.read(n)` returning `b""`.
    pub async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let (socket, io) = (&self.socket, &self.io);
        let n = poll_fn(|cx| io.poll_io(cx, Direction::Read, || (&*socket).read(buf))).await?;
        // ANCHOR: drained
        if n > 0 && n < buf.len() {
            // Less than asked for: the socket is empty now (an edge will say when
            // it is not), so the next read need not ask the OS to hear `WouldBlock`.
            io.drained(Direction::Read);
        }
        // ANCHOR_END: drained
        Ok(n)
    }

    /// Write some of `buf`; returns how much the kernel took.
    pub async fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let (socket, io) = (&self.socket, &self.io);
        let n = poll_fn(|cx| io.poll_io(cx, Direction::Write, || (&*socket).write(buf))).await?;
        if n < buf.len() {
            io.drained(Direction::Write); // the send buffer is full
        }
        Ok(n)
    }
}
// ANCHOR_END: stream

impl TcpStream {
    /// Write all of `buf`, waiting whenever the kernel's send buffer is full:
    /// `writer.write(data); await writer.drain()`.
    pub async fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.write(buf).await? {
                0 => return Err(io::ErrorKind::WriteZero.into()),
                n => buf = &buf[n..],
            }
        }
        Ok(())
    }

    /// Fill `buf` exactly: `await reader.readexactly(n)`.
    pub async fn read_exact(&mut self, mut buf: &mut [u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.read(buf).await? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => buf = &mut buf[n..],
            }
        }
        Ok(())
    }

    /// Say "no more data from me" (`writer.write_eof()`); the peer reads `Ok(0)`.
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.socket.shutdown(Shutdown::Write)
    }

    /// Send small writes at once instead of batching them (Nagle's algorithm off),
    /// which request-and-reply protocols want.
    pub fn set_nodelay(&self, nodelay: bool) -> io::Result<()> {
        self.socket.set_nodelay(nodelay)
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.socket.local_addr()
    }

    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.socket.peer_addr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::join_handle::spawn;
    use crate::reactor::{new_event_loop, registered_sources};

    #[test]
    fn a_client_and_a_server_exchange_bytes_over_loopback() {
        let event_loop = new_event_loop().unwrap();
        let reply = event_loop.run(async {
            let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
            let addr = listener.local_addr().unwrap();
            let server = spawn(async move {
                let (mut stream, _) = listener.accept().await.unwrap();
                let mut buf = [0; 5];
                stream.read_exact(&mut buf).await.unwrap();
                stream
                    .write_all(&buf.map(|b| b.to_ascii_uppercase()))
                    .await
                    .unwrap();
            });
            let mut client = TcpStream::connect(addr).await.unwrap();
            client.write_all(b"hello").await.unwrap();
            let mut reply = [0; 5];
            client.read_exact(&mut reply).await.unwrap();
            server.await.unwrap();
            reply
        });
        assert_eq!(&reply, b"HELLO");
    }

    #[test]
    fn connecting_to_a_closed_port_is_an_error_not_a_hang() {
        let event_loop = new_event_loop().unwrap();
        let error = event_loop.run(async {
            // Bind, note the port, close: now nobody listens there.
            let addr = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap();
            TcpStream::connect(addr).await.err().unwrap()
        });
        assert_eq!(error.kind(), io::ErrorKind::ConnectionRefused);
    }

    #[test]
    fn a_closed_peer_reads_as_zero_bytes() {
        let event_loop = new_event_loop().unwrap();
        let read = event_loop.run(async {
            let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
            let addr = listener.local_addr().unwrap();
            let client = spawn(async move {
                let stream = TcpStream::connect(addr).await.unwrap();
                drop(stream);
            });
            let (mut stream, _) = listener.accept().await.unwrap();
            client.await.unwrap();
            stream.read(&mut [0; 16]).await.unwrap()
        });
        assert_eq!(read, 0);
    }

    #[test]
    fn dropped_sockets_leave_the_reactor() {
        let event_loop = new_event_loop().unwrap();
        let (during, after) = event_loop.run(async {
            let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
            let addr = listener.local_addr().unwrap();
            let client = TcpStream::connect(addr).await.unwrap();
            let (server_side, _) = listener.accept().await.unwrap();
            let during = registered_sources();
            drop((listener, client, server_side));
            (during, registered_sources())
        });
        assert_eq!((during, after), (3, 0));
    }
}
