import type { ComponentType } from 'react';
import { AccountScreen } from './account/AccountScreen';
import { ImportScreen } from './import/ImportScreen';
import { KpiScreen } from './kpi/KpiScreen';
import { PlaybooksScreen } from './playbooks/PlaybooksScreen';
import { PortfolioScreen } from './portfolio/PortfolioScreen';
import { TodayScreen } from './today/TodayScreen';

/**
 * The screens of later features by route view (portfolio, import, playbooks, account, kpi).
 * A feature registers its screen here; views not registered show a placeholder.
 */
export const screens: Record<string, ComponentType> = {};
screens.import = ImportScreen;
screens.portfolio = PortfolioScreen;
screens.account = AccountScreen;
screens.kpi = KpiScreen;
screens.playbooks = PlaybooksScreen;
screens.today = TodayScreen;
