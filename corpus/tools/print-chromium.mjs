#!/usr/bin/env node
// Print HTML files to PDF with headless Chromium, driven over the DevTools
// protocol (--remote-debugging-pipe), so that page size, margins and the
// footer are ours rather than the browser's date/URL header and footer.
//
// usage: node print-chromium.mjs [--chromium PATH] IN.html OUT.pdf [IN2.html OUT2.pdf ...]
//
// The page's own CSS decides size and orientation (@page { size: A4 landscape }),
// backgrounds are printed, and every page gets a "Page N of M" footer.
// Needs only Node (>= 18) and Chromium; no npm packages.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const MM = 1 / 25.4; // inches per millimetre
const A4 = { width: 210 * MM, height: 297 * MM };

const FOOTER_TEMPLATE =
  '<div style="width:100%; margin:0 12mm; font-family:Arial, \'Liberation Sans\', sans-serif;' +
  ' font-size:8pt; color:#000; text-align:center;">' +
  'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

const PER_DOCUMENT_TIMEOUT_MS = 180_000;

function usage(msg) {
  if (msg) process.stderr.write(`print-chromium: ${msg}\n`);
  process.stderr.write('usage: node print-chromium.mjs [--chromium PATH] IN.html OUT.pdf [IN.html OUT.pdf ...]\n');
  process.exit(2);
}

function parseArgs(argv) {
  let chromium = '/usr/bin/chromium';
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--chromium') {
      if (i + 1 >= argv.length) usage('--chromium needs a path');
      chromium = argv[++i];
    } else if (argv[i] === '--help' || argv[i] === '-h') {
      usage();
    } else {
      files.push(argv[i]);
    }
  }
  if (files.length === 0 || files.length % 2 !== 0) usage('give pairs of IN.html OUT.pdf');
  const jobs = [];
  for (let i = 0; i < files.length; i += 2) jobs.push({ input: resolve(files[i]), output: resolve(files[i + 1]) });
  return { chromium, jobs };
}

// A minimal DevTools-protocol client over the pipe Chromium opens on fds 3/4:
// NUL-terminated JSON messages in both directions.
class Cdp {
  constructor(writable, readable) {
    this.writable = writable;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    let buffered = '';
    readable.setEncoding('utf8');
    readable.on('data', (chunk) => {
      buffered += chunk;
      let end;
      while ((end = buffered.indexOf('\0')) >= 0) {
        const text = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        this.dispatch(JSON.parse(text));
      }
    });
  }

  dispatch(msg) {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    for (const l of [...this.listeners]) l(msg);
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolveFn, reject) => {
      this.pending.set(id, { resolve: resolveFn, reject, method });
      this.writable.write(JSON.stringify(msg) + '\0');
    });
  }

  waitFor(method, sessionId) {
    return new Promise((resolveFn) => {
      const l = (msg) => {
        if (msg.method === method && msg.sessionId === sessionId) {
          this.listeners = this.listeners.filter((x) => x !== l);
          resolveFn(msg.params);
        }
      };
      this.listeners.push(l);
    });
  }

  failAll(err) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s: ${what}`)), ms);
    }),
  ]);
}

async function printOne(cdp, job) {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  try {
    await cdp.send('Page.enable', {}, sessionId);
    await cdp.send('Runtime.enable', {}, sessionId);
    // Plain sans-serif defaults for pages that name no font, like the office
    // suites councils write their plans in.
    await cdp.send('Page.setFontFamilies', {
      fontFamilies: { standard: 'Liberation Sans', sansSerif: 'Liberation Sans', serif: 'Liberation Serif', fixed: 'Liberation Mono' },
    }, sessionId).catch(() => {});
    const loaded = cdp.waitFor('Page.loadEventFired', sessionId);
    const nav = await cdp.send('Page.navigate', { url: pathToFileURL(job.input).href }, sessionId);
    if (nav.errorText) throw new Error(`cannot load ${job.input}: ${nav.errorText}`);
    await loaded;
    await cdp.send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => true)', awaitPromise: true }, sessionId);
    const { data } = await cdp.send('Page.printToPDF', {
      // Defaults for pages without an @page rule; preferCSSPageSize lets the
      // page's own @page size (and orientation) win.
      paperWidth: A4.width,
      paperHeight: A4.height,
      landscape: false,
      marginTop: 15 * MM,
      marginBottom: 18 * MM,
      marginLeft: 15 * MM,
      marginRight: 15 * MM,
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER_TEMPLATE,
      scale: 1,
      generateDocumentOutline: false,
      transferMode: 'ReturnAsBase64',
    }, sessionId);
    writeFileSync(job.output, Buffer.from(data, 'base64'));
  } finally {
    await cdp.send('Target.closeTarget', { targetId }).catch(() => {});
  }
}

async function main() {
  const { chromium, jobs } = parseArgs(process.argv.slice(2));
  const profile = mkdtempSync(join(tmpdir(), 'plansift-chromium-'));
  const child = spawn(chromium, [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--mute-audio',
    '--allow-file-access-from-files',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--font-render-hinting=none',
    `--user-data-dir=${profile}`,
    '--remote-debugging-pipe',
    'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });

  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s) => { stderrTail = (stderrTail + s).slice(-4000); });

  const cdp = new Cdp(child.stdio[3], child.stdio[4]);
  const exited = new Promise((resolveFn) => child.on('exit', (code, signal) => resolveFn({ code, signal })));
  exited.then(({ code, signal }) => cdp.failAll(new Error(`chromium exited (code ${code}, signal ${signal})\n${stderrTail}`)));
  child.on('error', (err) => cdp.failAll(err));

  let failures = 0;
  try {
    for (const job of jobs) {
      try {
        await withTimeout(printOne(cdp, job), PER_DOCUMENT_TIMEOUT_MS, job.input);
      } catch (err) {
        failures++;
        process.stderr.write(`print-chromium: ${job.input}: ${err.message}\n`);
      }
    }
    await withTimeout(cdp.send('Browser.close'), 10_000, 'Browser.close').catch(() => child.kill('SIGKILL'));
    await withTimeout(exited, 10_000, 'chromium exit').catch(() => child.kill('SIGKILL'));
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  }
  process.exit(failures ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`print-chromium: ${err.stack || err}\n`);
  process.exit(1);
});
