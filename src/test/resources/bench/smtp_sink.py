#!/usr/bin/env python3
"""An SMTP sink for the benchmark: accepts every message and keeps none.

It runs outside the benchmark's JVM so that the receiving side is not what limits the sender.
It speaks enough SMTP for a client that pipelines (RFC 2920): EHLO (announcing PIPELINING,
8BITMIME and SIZE), HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT. Commands are read as they come,
so a group of pipelined commands is answered in order. --latency-ms holds each
answer back that long, as a relay on another machine would (a round trip on the network).
Started by the benchmarks (OutboxDeliveryBenchmark, HandoverBenchmark with -Dbench.smtp=sink);
prints "listening on PORT" once ready and the number of messages it accepted when it ends
(SIGTERM or SIGINT). Python 3.8+, standard library only.

    python3 smtp_sink.py [--host 127.0.0.1] [--port 0] [--latency-ms 0]
"""
import argparse
import asyncio
import signal
import sys

accepted = 0
latency = 0.0


async def converse(reader, writer):
    global accepted
    writer.write(b"220 sink.bench ESMTP\r\n")
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-sink.bench\r\n250-PIPELINING\r\n250-8BITMIME\r\n"
                             b"250 SIZE 52428800\r\n")
            elif verb == b"HELO":
                writer.write(b"250 sink.bench\r\n")
            elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                writer.write(b"250 2.0.0 Ok\r\n")
            elif verb == b"DATA":
                writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                # the message, up to the line holding a single dot (the data starts on a new line)
                data = await reader.readuntil(b"\r\n.\r\n")
                del data
                accepted += 1
                writer.write(b"250 2.0.0 Ok: queued\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 2.0.0 Bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"502 5.5.2 Command not recognised\r\n")
            # answer a pipelined group at once: write out only when nothing more is buffered
            if not reader._buffer:  # noqa: SLF001 (asyncio keeps what was read ahead here)
                if latency:
                    await asyncio.sleep(latency)
                await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    global latency
    latency = args.latency_ms / 1000.0
    server = await asyncio.start_server(converse, args.host, args.port, limit=64 * 1024 * 1024)
    port = server.sockets[0].getsockname()[1]
    print(f"listening on {port}", flush=True)
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set_result, None)
    async with server:
        await stop
    print(f"accepted {accepted}", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
