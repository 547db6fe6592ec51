import { useEffect, useState } from 'react';

/** The design tokens the charts draw with, read from the CSS (light or dark, as the OS says). */
export interface ChartTheme {
  dark: boolean;
  text: string;
  muted: string;
  grid: string;
  surface: string;
  accent: string;
  healthy: string;
  risk: string;
  critical: string;
  healthyBg: string;
  riskBg: string;
  criticalBg: string;
  font: string;
  /** Distinct line colours for categories. */
  series: string[];
}

// Hues far apart (blue, purple, teal, orange, magenta, olive, slate): no two neighbours alike.
const LIGHT_SERIES = ['#2f5fd0', '#8a4fbf', '#0f8a8a', '#d9730d', '#c2185b', '#5b6b1f', '#44607a'];
const DARK_SERIES = ['#7aa2ff', '#c39bf0', '#5fd0d0', '#ffab5e', '#ff7eb6', '#b8cc6a', '#9fb6cc'];

function read(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    dark,
    text: v('--text'),
    muted: v('--muted'),
    grid: v('--border'),
    surface: v('--surface'),
    accent: v('--accent'),
    healthy: v('--healthy'),
    risk: v('--risk'),
    critical: v('--critical'),
    healthyBg: v('--healthy-bg'),
    riskBg: v('--risk-bg'),
    criticalBg: v('--critical-bg'),
    font: v('--font') || 'system-ui, sans-serif',
    series: dark ? DARK_SERIES : LIGHT_SERIES,
  };
}

/** The current chart theme; charts re-draw when the OS switches between light and dark. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(read);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setTheme(read());
    mq.addEventListener('change', update);
    return () => mq.removeEventListener('change', update);
  }, []);
  return theme;
}
