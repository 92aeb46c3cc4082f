import type { ChannelRegistry } from './channel-registry';
import { MAX_CHANNEL_BODY_BYTES } from './channel-http';

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/**
 * The OpenAPI 3.1 description of the REST endpoints outsiders call: channel intake and uploads
 * (Open311 has its own spec, linked). Built from the live channel registry, so the channel list
 * and each channel's mapped payload fields are those of this district.
 */
export function openApiDocument(channels: ChannelRegistry, district: { id: string; name: string }) {
  const rest = channels.external().filter((c) => (c.protocol ?? 'rest') === 'rest');
  return {
    openapi: '3.1.0',
    info: { title: `Gridwork intake API — ${district.name}`, version: '1', description: 'Channel intake webhooks and resumable uploads. Open311 GeoReport v2 is served at /open311/v2/ (see externalDocs).' },
    externalDocs: { description: 'Open311 GeoReport v2 (at /open311/v2/discovery.json)', url: 'http://wiki.open311.org/GeoReport_v2' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The channel API key (`npm run gridwork -- channel key <channel>`).' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        session: { type: 'apiKey', in: 'cookie', name: 'gridwork.session_token' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string', description: 'JSON pointer into your payload' }, message: { type: 'string' }, code: { type: 'string' } } } } } },
            deadLetterId: { type: 'string', description: 'Set when the payload was kept for an admin to replay.' },
          },
        },
        CreatedCase: { type: 'object', properties: { id: { type: 'string' }, channel: { type: 'string' }, status: { type: 'string' }, orgUnitId: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } },
        UploadedFile: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            mimeType: { type: 'string' },
            size: { type: 'integer' },
            width: { type: 'integer' },
            height: { type: 'integer' },
            exif: { type: 'object', properties: { lng: { type: 'number' }, lat: { type: 'number' }, takenAt: { type: 'string', format: 'date-time' } } },
            thumbnailUrl: { type: ['string', 'null'] },
          },
        },
      },
    },
    paths: {
      '/api/channels/{channel}/cases': {
        post: {
          summary: 'Post a case from an external channel',
          description:
            'The payload is mapped to a case by the channel\'s declarative mapping (below, per channel: case field ← payload path). A retried post with the same Idempotency-Key returns the same case; the same key with another body is a 409. A payload that fails mapping or validation is a 400 naming your fields and is kept as a dead letter.\n\n' +
            rest.map((c) => `- **${c.key}** (${c.label['zh-CN']}; coordinates ${c.coordinateSystem ?? 'WGS84'}): ${c.mapping ? Object.entries(c.mapping.fields).map(([to, r]) => `${to} ← ${r.from ?? JSON.stringify(r.const)}`).join(', ') : 'the case fields themselves'}`).join('\n'),
          security: [{ bearer: [] }, { apiKey: [] }],
          parameters: [
            { name: 'channel', in: 'path', required: true, schema: { type: 'string', enum: rest.map((c) => c.key) } },
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: `At most ${MAX_CHANNEL_BODY_BYTES} bytes.` } } } },
          responses: {
            '201': { description: 'Created (or, with Idempotent-Replayed: true, the earlier answer)', content: { 'application/json': { schema: { $ref: '#/components/schemas/CreatedCase' } } } },
            '400': error('Malformed JSON, or fields that fail mapping/validation (issues name your payload paths)'),
            '401': error('Missing or wrong API key'),
            '404': error('Unknown channel'),
            '409': error('Idempotency-Key reused with a different body, or still in progress'),
            '413': error('Body too large'),
          },
        },
      },
      '/api/uploads': {
        post: {
          summary: 'Start a resumable upload',
          security: [{ session: [] }, { bearer: [] }, { apiKey: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['filename', 'size'], properties: { filename: { type: 'string' }, size: { type: 'integer', minimum: 1 }, mimeType: { type: 'string' } } } } } },
          responses: { '201': { description: '{id, offset: 0, size}' }, '400': error('Bad filename or size'), '401': error('No session or key'), '413': error('Over the size limit') },
        },
      },
      '/api/uploads/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        patch: {
          summary: 'Append a chunk (≤ 1 MiB) at Upload-Offset',
          parameters: [{ name: 'Upload-Offset', in: 'header', required: true, schema: { type: 'integer', minimum: 0 } }],
          requestBody: { required: true, content: { 'application/offset+octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          responses: {
            '200': { description: '{id, offset, complete, file?}', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' }, offset: { type: 'integer' }, complete: { type: 'boolean' }, file: { $ref: '#/components/schemas/UploadedFile' } } } } } },
            '400': error('Content is not an allowed type (checked by its bytes), or past the declared size'),
            '409': { description: 'Wrong offset: {offset} says where to resume' },
            '413': error('Chunk too large'),
          },
        },
        head: { summary: 'Where to resume (Upload-Offset header)', responses: { '200': { description: 'Upload-Offset, Upload-Length' }, '404': { description: 'Unknown upload' } } },
        get: { summary: 'The file (owner, or a reader of a record holding it)', responses: { '200': { description: 'The bytes' }, '403': error('Not yours, and no readable record holds it') } },
      },
      '/api/uploads/{id}/thumbnail': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: 'JPEG thumbnail (≤ 320 px) of an image', responses: { '200': { description: 'image/jpeg' }, '404': { description: 'No thumbnail' } } },
      },
    },
  };
}
