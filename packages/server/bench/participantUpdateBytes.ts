import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';

export interface ParticipantUpdate {
  /** The endpoint a participant's page fetches per math update. */
  path: string;
  status: number;
  /** Content-Encoding the server chose for Accept-Encoding: gzip (`identity` when none). */
  encoding: string;
  /** Bytes of the response body on the wire. */
  wire_bytes: number;
  /** Bytes of the JSON after decoding. */
  json_bytes: number;
  /** The same JSON gzipped here (level 6), comparable whatever the server sent. */
  gzip_bytes: number;
  /** The decoded JSON (not reported). */
  json: string;
}

/** GET `url` with Accept-Encoding: gzip (and `headers`), counting the body bytes as they arrive on the socket. */
export function participantUpdateBytes(url: string, headers: Record<string, string>): Promise<ParticipantUpdate> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'application/json', 'accept-encoding': 'gzip', ...headers }, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        const decode = { gzip: gunzipSync, br: brotliDecompressSync, deflate: inflateSync } as Record<string, (b: Buffer) => Buffer>;
        const json = decode[encoding]?.(wire) ?? wire;
        resolve({ path: new URL(url).pathname, status: res.statusCode ?? 0, encoding, wire_bytes: wire.length, json_bytes: json.length, gzip_bytes: gzipSync(json).length, json: json.toString() });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer in 60 s`)));
    req.on('error', reject);
    req.end();
  });
}
