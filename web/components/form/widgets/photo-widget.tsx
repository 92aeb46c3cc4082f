'use client';

import Button from 'antd/es/button';
import Progress from 'antd/es/progress';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formText } from '../form-text';
import { uploadResumable } from '../resumable-upload';
import type { WidgetProps } from './widget-props';

interface Photo {
  key: string;
  preview: string;
  status: 'uploading' | 'done' | 'failed';
  percent: number;
  id?: string;
  uploadId?: string;
  file?: File;
  error?: string;
}

let seq = 0;
const idsOf = (photos: Photo[]) => photos.filter((p) => p.status === 'done').map((p) => p.id!);
const same = (a: unknown, b: string[]) => (Array.isArray(a) ? a.length === b.length && a.every((v, i) => v === b[i]) : b.length === 0);

/** Photos already uploaded (ids in the value), previewed by their thumbnails. */
const stored = (value: unknown, base: string): Photo[] =>
  ((value as string[] | undefined) ?? []).map((id) => ({
    key: `p${seq++}`,
    id,
    preview: `${base}/${encodeURIComponent(id)}/thumbnail`,
    status: 'done',
    percent: 100,
  }));

/**
 * Photos: camera capture on phones, several at once, previews at once; each uploads on its own
 * through the resumable API and the field keeps the ids of the finished ones.
 */
export function PhotoWidget(p: WidgetProps) {
  const { lang, context, pendingUploads } = p.runtime;
  const base = context.uploadUrl ?? '/api/uploads';
  const input = useRef<HTMLInputElement>(null);
  const [photos, setPhotos] = useState<Photo[]>(() => stored(p.value, base));
  const photosRef = useRef(photos);
  photosRef.current = photos;
  const { onChange, name } = p;

  // Value replaced from outside (reset, draft discarded): show what it says.
  useEffect(() => {
    if (!same(p.value, idsOf(photosRef.current))) {
      setPhotos(stored(p.value, base));
    }
  }, [p.value, base]);

  // A layout effect: by the time a finished upload is on screen, the form already knows its id and
  // no longer counts it as pending, so a tap on 提交 at that moment submits instead of asking to wait.
  useLayoutEffect(() => {
    pendingUploads.set(name, photos.filter((ph) => ph.status === 'uploading').length);
    const ids = idsOf(photos);
    if (!same(p.value, ids)) onChange(ids.length ? ids : undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [photos]);
  useEffect(() => () => void pendingUploads.delete(name), [pendingUploads, name]);

  const update = (key: string, patch: Partial<Photo>) => setPhotos((list) => list.map((ph) => (ph.key === key ? { ...ph, ...patch } : ph)));

  const start = (photo: Photo) => {
    update(photo.key, { status: 'uploading', error: undefined });
    uploadResumable(photo.file!, {
      baseUrl: base,
      fetch: context.fetch,
      chunkSize: context.uploadChunkSize,
      id: photo.uploadId,
      onCreated: (uploadId) => update(photo.key, { uploadId }),
      onProgress: (sent, total) => update(photo.key, { percent: Math.floor((sent / total) * 100) }),
    }).then(
      (file) => update(photo.key, { status: 'done', id: file.id, percent: 100 }),
      (e: Error) => update(photo.key, { status: 'failed', error: e.message }),
    );
  };

  const add = (files: FileList | null) => {
    const max = p.field.schema.maxItems ?? Infinity;
    const room = Math.max(0, max - photosRef.current.length);
    const added = [...(files ?? [])].slice(0, room).map<Photo>((file) => ({
      key: `p${seq++}`,
      file,
      preview: URL.createObjectURL(file),
      status: 'uploading',
      percent: 0,
    }));
    setPhotos((list) => [...list, ...added]);
    added.forEach(start);
    if (input.current) input.current.value = '';
  };

  const remove = (photo: Photo) => {
    if (photo.file) URL.revokeObjectURL(photo.preview);
    setPhotos((list) => list.filter((ph) => ph.key !== photo.key));
  };

  const full = photos.length >= (p.field.schema.maxItems ?? Infinity);
  return (
    <div>
      <ul className="gw-photos" aria-label={p.field.label}>
        {photos.map((ph, i) => (
          <li key={ph.key} className="gw-photo">
            <img src={ph.preview} alt={formText(lang, 'form.photo.preview', { n: i + 1 })} />
            {ph.status === 'uploading' && (
              <span className="gw-photo-state" role="status">
                {formText(lang, 'form.photo.uploading', { percent: ph.percent })}
                <Progress percent={ph.percent} showInfo={false} size="small" />
              </span>
            )}
            {ph.status === 'failed' && (
              <span className="gw-photo-state" role="alert" title={ph.error}>
                {formText(lang, 'form.photo.failed')}{' '}
                <Button size="small" onClick={() => start(ph)}>
                  {formText(lang, 'form.photo.retry')}
                </Button>
              </span>
            )}
            {!p.disabled && (
              <Button size="small" shape="circle" aria-label={`${formText(lang, 'form.photo.remove')} ${i + 1}`} onClick={() => remove(ph)}>
                ×
              </Button>
            )}
          </li>
        ))}
      </ul>
      {!p.disabled && !full && (
        <>
          <input
            ref={input}
            id={p.id}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            aria-describedby={p.describedBy}
            style={{ position: 'absolute', width: 1, height: 1, opacity: 0, pointerEvents: 'none' }}
            tabIndex={-1}
            onChange={(e) => add(e.target.files)}
          />
          <Button size="large" onClick={() => input.current?.click()} onBlur={p.onBlur} aria-describedby={p.describedBy}>
            {formText(lang, 'form.photo.add')}
          </Button>
        </>
      )}
    </div>
  );
}
