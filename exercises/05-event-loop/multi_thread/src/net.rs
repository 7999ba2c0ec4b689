//! Given: step 5's `TcpListener` and `TcpStream`, on the thread-safe driver.
//!
//! The same sockets as step 5, line for line: only the [`Registration`] under them
//! changed (see `driver.rs`). A socket registers with the driver of the thread that
//! makes it, so make sockets inside `Runtime::block_on` or a task.

use std::future::poll_fn;
use std::io::{self, Read, Write};
use std::net::SocketAddr;

use crate::driver::{Direction, Registration};

/// A TCP server socket.
pub struct TcpListener {
    socket: mio::net::TcpListener,
    io: Registration,
}

impl TcpListener {
    /// Bind to `addr` (port 0: any free port) and listen.
    pub fn bind(addr: SocketAddr) -> io::Result<Self> {
        let mut socket = mio::net::TcpListener::bind(addr)?;
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

/// A TCP connection.
pub struct TcpStream {
    socket: mio::net::TcpStream,
    io: Registration,
}

impl TcpStream {
    fn new(mut socket: mio::net::TcpStream) -> io::Result<Self> {
        let io = Registration::new(&mut socket)?;
        socket.set_nodelay(true)?; // small request-and-reply messages go out at once
        Ok(TcpStream { socket, io })
    }

    /// Connect to `addr`: `asyncio.open_connection`.
    pub async fn connect(addr: SocketAddr) -> io::Result<Self> {
        let stream = TcpStream::new(mio::net::TcpStream::connect(addr)?)?;
        // Writable once the handshake is over, or with an error if it failed.
        poll_fn(|cx| {
            stream.io.poll_io(cx, Direction::Write, || {
                if let Some(error) = stream.socket.take_error()? {
                    return Err(error);
                }
                match stream.socket.peer_addr() {
                    Ok(_) => Ok(()),
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

    /// Read what has arrived, up to `buf.len()` bytes; `Ok(0)`: the peer closed.
    pub async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let (socket, io) = (&self.socket, &self.io);
        poll_fn(|cx| io.poll_io(cx, Direction::Read, || (&*socket).read(buf))).await
    }

    /// Write some of `buf`; returns how much the kernel took.
    pub async fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let (socket, io) = (&self.socket, &self.io);
        poll_fn(|cx| io.poll_io(cx, Direction::Write, || (&*socket).write(buf))).await
    }

    /// Write all of `buf`, waiting whenever the send buffer is full.
    pub async fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.write(buf).await? {
                0 => return Err(io::ErrorKind::WriteZero.into()),
                n => buf = &buf[n..],
            }
        }
        Ok(())
    }

    /// Fill `buf` exactly.
    pub async fn read_exact(&mut self, mut buf: &mut [u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.read(buf).await? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => buf = &mut buf[n..],
            }
        }
        Ok(())
    }

    /// No more data from us: the peer reads `Ok(0)`.
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.socket.shutdown(std::net::Shutdown::Write)
    }
}
