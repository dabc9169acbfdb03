import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { spawn, type ChildProcess } from 'node:child_process';

const ROOT = path.resolve(__dirname, '../..');
export const NGINX = '/usr/sbin/nginx';

export interface Proxy {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Debian's nginx running deploy/nginx/coper.conf itself, on loopback: TLS with a fresh
 * self-signed certificate on `httpsPort`, in front of CoPeR on `appPort`.
 */
export async function startNginx(httpsPort: number, httpPort: number, appPort: number): Promise<Proxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coper-nginx-'));
  fs.chmodSync(dir, 0o755);
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  const site = fs.readFileSync(path.join(ROOT, 'deploy/nginx/coper.conf'), 'utf8')
    .replace('listen 443 ssl;', `listen 127.0.0.1:${httpsPort} ssl;`)
    .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replaceAll('server_name coper.example.org;', 'server_name localhost;')
    .replace('/etc/ssl/certs/coper.example.org.pem', cert)
    .replace('/etc/ssl/private/coper.example.org.key', key)
    .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${appPort};`);
  fs.writeFileSync(path.join(dir, 'coper.conf'), site);
  const temp = (name: string) => `${name} ${path.join(dir, name.replace(/_path$/, ''))};`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log ${path.join(dir, 'access.log')};
  ${['client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path', 'scgi_temp_path'].map(temp).join('\n  ')}
  include ${path.join(dir, 'coper.conf')};
}
`);
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (d) => (errors += String(d)));
  const url = `https://localhost:${httpsPort}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${errors} ${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`);
    try {
      await fetch(`${url}/livez`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer: ${errors}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
