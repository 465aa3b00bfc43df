/** Studies: analyses that run several scenarios and compare them. */
export { studyTable, virtualStudy, type StudyColumn } from './virtualVsHtlc.js';
