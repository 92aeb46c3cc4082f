import type { ReactNode } from 'react';

export interface FieldRow {
  field: string;
  label: string;
  text: string;
  photos?: string[];
}

/** Photos by their upload ids, as thumbnails linking to the full picture. */
export function Photos({ ids, label }: { ids: string[]; label: string }) {
  return (
    <span style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      {ids.map((id, i) => (
        <a key={id} href={`/api/uploads/${encodeURIComponent(id)}`} target="_blank" rel="noreferrer">
          <img src={`/api/uploads/${encodeURIComponent(id)}/thumbnail`} alt={`${label} ${i + 1}`} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6, background: '#f0f0f0' }} />
        </a>
      ))}
    </span>
  );
}

/** A record's fields as a definition list (label, value), photos as thumbnails. */
export function RecordFields({ rows, extra }: { rows: FieldRow[]; extra?: ReactNode }) {
  return (
    <dl className="gw-fieldlist">
      {rows.map((r) => (
        <div key={r.field} className="gw-fieldrow">
          <dt>{r.label}</dt>
          <dd>{r.photos?.length ? <Photos ids={r.photos} label={r.label} /> : r.text}</dd>
        </div>
      ))}
      {extra}
    </dl>
  );
}
