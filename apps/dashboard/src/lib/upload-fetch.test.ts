import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchWithUploadProgress } from './upload-fetch';

/** A stand-in for XMLHttpRequest that "sends" in two progress steps, then answers. */
class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  responseType = '';
  status = 0;
  statusText = '';
  response: ArrayBuffer | null = null;
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getAllResponseHeaders() {
    return 'content-type: application/json\r\nx-request-id: abc\r\n';
  }
  send(body: unknown) {
    this.body = body;
    this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 200 });
    this.upload.onprogress?.({ lengthComputable: true, loaded: 200, total: 200 });
    this.status = 201;
    this.statusText = 'Created';
    this.response = new TextEncoder().encode(JSON.stringify({ success: true, data: { id: 'file_1' } })).buffer;
    this.onload?.();
  }
  abort() {
    this.onabort?.();
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchWithUploadProgress', () => {
  it('sends through XMLHttpRequest, reports progress and answers like fetch', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const progress: number[] = [];
    const form = new FormData();
    form.append('appId', 'app_1');
    const response = await fetchWithUploadProgress((f) => progress.push(f))('/v1/admin/files/upload', {
      method: 'POST',
      headers: { authorization: 'Bearer t', accept: 'application/json' },
      body: form,
    });

    expect(FakeXhr.last.method).toBe('POST');
    expect(FakeXhr.last.url).toBe('/v1/admin/files/upload');
    expect(FakeXhr.last.headers).toEqual({ authorization: 'Bearer t', accept: 'application/json' });
    expect(FakeXhr.last.body).toBe(form);
    expect(FakeXhr.last.responseType).toBe('arraybuffer');
    expect(progress).toEqual([0.25, 1]);
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-request-id')).toBe('abc');
    expect(await response.json()).toEqual({ success: true, data: { id: 'file_1' } });
  });

  it('rejects like fetch when the connection fails', async () => {
    class Failing extends FakeXhr {
      override send() {
        this.onerror?.();
      }
    }
    vi.stubGlobal('XMLHttpRequest', Failing);
    await expect(fetchWithUploadProgress(() => {})('/x', { method: 'POST' })).rejects.toBeInstanceOf(TypeError);
  });

  it("stops the upload when the caller's cancel signal fires, and rejects as an abort", async () => {
    class Slow extends FakeXhr {
      aborted = false;
      override send() {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 10, total: 200 });
      }
      override abort() {
        this.aborted = true;
        super.abort();
      }
    }
    vi.stubGlobal('XMLHttpRequest', Slow);
    const cancel = new AbortController();
    const sent = fetchWithUploadProgress(() => {}, cancel.signal)('/v1/admin/files/upload', { method: 'POST' });
    cancel.abort();
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    expect((FakeXhr.last as Slow).aborted).toBe(true);
  });

  it('does not start an upload that was cancelled before it began', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const cancel = new AbortController();
    cancel.abort();
    const send = vi.spyOn(FakeXhr.prototype, 'send');
    await expect(fetchWithUploadProgress(() => {}, cancel.signal)('/x', { method: 'POST' })).rejects.toMatchObject({ name: 'AbortError' });
    expect(send).not.toHaveBeenCalled();
  });
});
