/**
 * kube-proxy's health check node port, as pkg/proxy/healthcheck/service_health.go
 * answers it: any path, 200 when the node has a local endpoint of the Service,
 * else 503, with a JSON body. Usage: node health-server.ts ADDR PORT=ENDPOINTS ...
 */
import { createServer } from 'node:http';

const [address, ...ports] = process.argv.slice(2);
for (const spec of ports) {
  const [port, endpoints] = spec.split('=').map(Number) as [number, number];
  createServer((_request, response) => {
    const body = JSON.stringify({
      service: { namespace: 'default', name: `svc-${port}` },
      localEndpoints: endpoints,
      serviceProxyHealthy: true,
    });
    response.writeHead(endpoints > 0 ? 200 : 503, { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' });
    response.end(body);
  }).listen(port, address);
}
