/**
 * How many cases a property or fuzz test tries: a bounded number in `npm test`, twenty times as
 * many under `npm run test:deep` (PCNSIM_DEEP=1). Seeds stay fixed, so failures reproduce.
 */
export const runs = (cases: number): number => (process.env.PCNSIM_DEEP ? cases * 20 : cases);
