/**
 * POSTs a file as the raw request body with XMLHttpRequest, whose upload events give the bytes sent
 * (fetch has no upload progress). Resolves with the status and the parsed JSON answer.
 */
export function uploadWithProgress(url: string, file: Blob, contentType: string, onProgress: (fraction: number) => void): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      onProgress(1);
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { error: { message: xhr.responseText || xhr.statusText } };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error(xhr.statusText || 'network error'));
    xhr.send(file);
  });
}
