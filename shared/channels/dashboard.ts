// Portfolio, account and KPI views, exports.
export const dashboardChannels = {} as const;
