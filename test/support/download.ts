import { testServer } from './server';

/**
 * Downloads a URL the way a data client does: following the redirect from a release's
 * data.csv to its content-addressed file, and undoing any gzip transfer encoding, so the
 * bytes are the file's own.
 */
export async function download(url: string): Promise<{ status: number; body: Buffer }> {
  const { url: origin } = await testServer();
  const res = await fetch(new URL(url, origin), { redirect: 'follow' });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}
