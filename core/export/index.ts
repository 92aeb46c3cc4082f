export { writeTables, CONTENT_TYPES, type ExportFormat, type ExportColumn, type ExportSheet } from './table-writer';
export { recordSheet } from './case-export';
export { figureSheets } from './figure-sheets';
