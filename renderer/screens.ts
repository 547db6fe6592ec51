import type { ComponentType } from 'react';

/**
 * The screens of later features by route view (portfolio, import, playbooks, account, kpi).
 * A feature registers its screen here; views not registered show a placeholder.
 */
export const screens: Record<string, ComponentType> = {};
