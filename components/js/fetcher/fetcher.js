// A JavaScript tool built by componentize-js with its default features, so StarlingMonkey's own
// WASI imports stay in: fetch() goes out through wasi:http, console.log through wasi:cli stdout.
// `run` reads note.txt from its first preopen (wasi:filesystem, imported by its world), logs it,
// and sends a GET and then a POST carrying the note to `url`. `probe` calls wasi:http itself, to
// see the exact error cases fetch() hides. Brio's WASI tests run both against a loopback server,
// with the host allowed and denied.
import { getDirectories } from 'wasi:filesystem/preopens@0.2.10';
import { handle } from 'wasi:http/outgoing-handler@0.2.10';
import { Fields, OutgoingRequest } from 'wasi:http/types@0.2.10';

function readNote() {
  const [[dir]] = getDirectories();
  const file = dir.openAt({}, 'note.txt', {}, { read: true });
  const [bytes] = file.read(4096n, 0n);
  return new TextDecoder().decode(bytes).trim();
}

export async function run(url) {
  const note = readNote();
  console.log(`note: ${note}`);
  try {
    const got = await fetch(url);
    const gotText = await got.text();
    const posted = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: note,
    });
    const postedText = await posted.text();
    return `GET ${got.status} ${gotText}; POST ${posted.status} ${postedText}`;
  } catch (e) {
    return `fetch failed: ${e}`;
  }
}

/** What a step answered: `ok`, or the case of the error it threw. */
function outcome(step) {
  try {
    step();
    return 'ok';
  } catch (e) {
    return e?.payload?.tag ?? `${e}`;
  }
}

export function probe(authority) {
  const one = new TextEncoder().encode('1');
  const fields = Fields.fromList([['x-probe', one]]);
  const host = outcome(() => fields.append('host', one));
  const request = new OutgoingRequest(fields);
  request.setScheme({ tag: 'HTTP' });
  request.setAuthority(authority);
  request.setPathWithQuery('/probe');
  const headers = outcome(() => request.headers().append('x-more', one));
  const handled = outcome(() => handle(request, undefined));
  return `host: ${host}, request headers: ${headers}, handle: ${handled}`;
}
