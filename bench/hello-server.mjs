// Baseline for the benchmark: the cheapest possible node:http server. Started by run.mjs on the same
// CPU as the real server, so "ratio" = how much of the bare-metal request rate an endpoint keeps.
import http from 'node:http';

const port = Number(process.env.PORT || 0);
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': '5' });
  res.end('hello');
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
