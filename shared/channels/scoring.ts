// Health scores, the score receipt and what-if.
export const scoringChannels = {} as const;
