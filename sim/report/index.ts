export { unmetExpectations } from './expect.js';
export { reportHtml } from './html.js';
export { reportMarkdown, summaryText } from './markdown.js';
export { REPORT_SCHEMA, summarize, type Report } from './summary.js';
export { reportFiles, reportJson, writeReports } from './write.js';
export { StreamedRows } from './stream.js';
export type { ChainRun, CrossChainRecords, ExpectSpec, RunRecords } from './records.js';
