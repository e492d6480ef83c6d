/**
 * A `fetch` for the SDK that reports upload progress. Browsers' fetch cannot tell how much of a
 * request body has been sent; XMLHttpRequest can. The SDK still builds the request and reads the
 * answer; only the transport differs (see `uploadClient` in lib/sdk.ts).
 */
export function fetchWithUploadProgress(onProgress: (fraction: number) => void, cancel?: AbortSignal): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(init.method ?? 'GET', typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      new Headers(init.headers).forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.responseType = 'arraybuffer';
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr
          .getAllResponseHeaders()
          .trim()
          .split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        const body = xhr.status === 204 || xhr.status === 304 ? null : (xhr.response as ArrayBuffer);
        resolve(new Response(body, { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.onerror = () => reject(new TypeError('Network error during upload'));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
      // The request's own signal, and the caller's "cancel upload".
      for (const signal of [init.signal, cancel]) {
        if (!signal) continue;
        if (signal.aborted) return xhr.abort();
        signal.addEventListener('abort', () => xhr.abort(), { once: true });
      }
      xhr.send((init.body as XMLHttpRequestBodyInit | null | undefined) ?? null);
    });
}
