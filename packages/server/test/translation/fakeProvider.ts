import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** How the stand-in answers one request: status and JSON body, or `hang` to never answer. */
export type Answer = { status?: number; body?: unknown; headers?: Record<string, string> } | 'hang';

/** A real HTTP server on a free port standing in for LibreTranslate or an OpenAI-compatible endpoint; closed when the test ends. */
export async function fakeProvider(answer: (request: Received, index: number) => Answer | Promise<Answer>): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const request: Received = { url: req.url ?? '', headers: req.headers, body: JSON.parse(raw) as Record<string, unknown> };
    received.push(request);
    const a = await answer(request, received.length - 1);
    if (a === 'hang') {
      hanging.add(res);
      return;
    }
    res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers }).end(JSON.stringify(a.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** LibreTranslate's answer: the target language's code in brackets before the text, so tests see which language was asked for. */
export const libreAnswer = (r: Received): Answer => ({ body: { translatedText: `[${String(r.body.target)}] ${String(r.body.q)}` } });

/** An OpenAI chat completion answering with the user's message marked by the system prompt's target code. */
export const openAiAnswer = (r: Received): Answer => {
  const messages = r.body.messages as { role: string; content: string }[];
  const to = /\((\w+)\)\.\s/.exec(messages[0]!.content.split(' into ')[1] ?? '')?.[1];
  return { body: { choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: ` [${to}] ${messages[1]!.content}\n` } }] } };
};
