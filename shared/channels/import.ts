// Import of workbooks, uploads and reference ranges.
export const importChannels = {} as const;
