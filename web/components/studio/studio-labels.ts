import type { Widget } from '../../../core/config/types.generated';
import type { UiKey } from '../../i18n';

/** Catalogue keys of the widgets, PII kinds and JSON types the designer offers (keys are literals, never built). */
export const WIDGET_LABEL: Record<Widget, UiKey> = {
  text: 'studio.widget.text',
  textarea: 'studio.widget.textarea',
  number: 'studio.widget.number',
  select: 'studio.widget.select',
  radio: 'studio.widget.radio',
  multiSelect: 'studio.widget.multiSelect',
  checkbox: 'studio.widget.checkbox',
  date: 'studio.widget.date',
  time: 'studio.widget.time',
  datetime: 'studio.widget.datetime',
  photo: 'studio.widget.photo',
  location: 'studio.widget.location',
  orgUnit: 'studio.widget.orgUnit',
  person: 'studio.widget.person',
  group: 'studio.widget.group',
  readonly: 'studio.widget.readonly',
};

export const PII_LABEL: Record<'name' | 'phone' | 'idNumber' | 'address' | 'other', UiKey> = {
  name: 'studio.pii.name',
  phone: 'studio.pii.phone',
  idNumber: 'studio.pii.idNumber',
  address: 'studio.pii.address',
  other: 'studio.pii.other',
};

export const TYPE_LABEL: Record<string, UiKey> = {
  string: 'studio.type.string',
  number: 'studio.type.number',
  integer: 'studio.type.integer',
  boolean: 'studio.type.boolean',
  array: 'studio.type.array',
  object: 'studio.type.object',
};
