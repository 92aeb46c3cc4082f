'use client';

import { json, jsonLanguage, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorView, hoverTooltip } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { jsonCompletion, jsonSchemaHover, parseJSONDocument, stateExtensions } from 'codemirror-json-schema';
import type { JSONSchema7 } from 'json-schema';
import { useMemo } from 'react';
import type { FieldIssue } from '../form';

/** Where a JSON pointer is in the text: the pointer itself, or its nearest ancestor that exists (a missing property). */
export function pointerRange(text: string, pointer: string): { from: number; to: number } {
  let pointers: Map<string, { keyFrom: number; keyTo: number; valueFrom?: number; valueTo?: number }>;
  try {
    pointers = parseJSONDocument(text).pointers;
  } catch {
    return { from: 0, to: 0 };
  }
  let p = pointer === '/' ? '' : pointer;
  for (;;) {
    const hit = pointers.get(p);
    if (hit) return { from: hit.keyFrom, to: hit.keyTo };
    if (!p) return { from: 0, to: Math.min(1, text.length) };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export interface JsonEditorProps {
  value: string;
  onChange: (text: string) => void;
  /** The JSON Schema of the file's kind (from studio.schemas()): completion and hover. */
  schema?: object | null;
  /** Issues to mark in the text: the client's validation and the server's, by JSON pointer. */
  issues: FieldIssue[];
  label: string;
  onView?: (view: EditorView) => void;
}

/**
 * A config file as JSON in CodeMirror 6: syntax errors and schema issues marked at their place as
 * you type, completion and hover docs from the file kind's JSON Schema.
 */
export default function JsonEditor({ value, onChange, schema, issues, label, onView }: JsonEditorProps) {
  const extensions = useMemo(() => {
    const parse = jsonParseLinter();
    const issuesLinter = linter(
      (view) => {
        const syntax = parse(view);
        if (syntax.length) return syntax;
        const text = view.state.doc.toString();
        return issues.map((issue): Diagnostic => ({ ...pointerRange(text, issue.path), severity: 'error', message: `${issue.path}: ${issue.message}` }));
      },
      { delay: 250 },
    );
    const schemaParts = schema
      ? [jsonLanguage.data.of({ autocomplete: jsonCompletion() }), hoverTooltip(jsonSchemaHover()), stateExtensions(schema as JSONSchema7)]
      : [];
    return [json(), issuesLinter, lintGutter(), EditorView.contentAttributes.of({ 'aria-label': label }), ...schemaParts];
  }, [schema, issues, label]);
  return (
    <div className="gw-json-editor" data-json-editor>
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        height="520px"
        basicSetup={{ foldGutter: true, autocompletion: true, lintKeymap: true }}
        onCreateEditor={(view) => onView?.(view)}
      />
    </div>
  );
}
