import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'react';
import { saveFile } from '../api';
import { reportError, useApp } from '../store';
import { backgroundPlugin } from './plugins';
import { Chart } from './setup';
import { type ChartTheme, useChartTheme } from './theme';

/** The smallest size (CSS pixels) a chart is drawn at for export, whatever its size on screen. */
const EXPORT_MIN = { width: 960, height: 400 };

/**
 * Draws a chart again for a file: at twice the pixel density, at least EXPORT_MIN in size, on the
 * opaque background of the current theme, with `title` as its first line; returns PNG bytes.
 */
export async function renderChartPng(
  config: ChartConfiguration,
  title: string,
  theme: ChartTheme,
  size: { width: number; height: number },
): Promise<Uint8Array> {
  const width = Math.max(Math.round(size.width), EXPORT_MIN.width);
  const height = Math.max(Math.round(size.height), EXPORT_MIN.height) + 48;
  // chart.js measures the canvas's box: an unseen one of the export's size, removed afterwards.
  const box = document.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText = `position:fixed;left:-${width + 100}px;top:0;width:${width}px;height:${height}px;`;
  const canvas = document.createElement('canvas');
  canvas.style.cssText = `width:${width}px;height:${height}px;`;
  box.append(canvas);
  document.body.append(box);
  const options = config.options ?? {};
  const chart = new Chart(canvas, {
    ...config,
    // The screen's chart keeps its own data objects (chart.js annotates them).
    data: structuredClone(config.data),
    options: {
      ...options,
      responsive: false,
      devicePixelRatio: 2,
      layout: { padding: { top: 8, right: 20, bottom: 12, left: 12 } },
      plugins: {
        ...options.plugins,
        title: {
          display: true,
          text: title,
          align: 'start',
          color: theme.text,
          font: { family: theme.font, size: 18, weight: 'bold' },
          padding: { top: 4, bottom: 16 },
        },
      },
    },
    plugins: [...(config.plugins ?? []), backgroundPlugin(theme.surface)],
  } as ChartConfiguration);
  try {
    chart.resize(width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The chart could not be turned into an image.');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    chart.destroy();
    box.remove();
  }
}

/**
 * One chart.js chart on a canvas, re-created when its configuration changes (memoise it), with an
 * accessible name, a text summary for screen readers, and an "Export PNG" button that saves it
 * drawn for a slide: twice the resolution, opaque, titled.
 */
export function ChartCanvas(props: {
  config: ChartConfiguration;
  /** The chart's accessible name, also the export button's. */
  label: string;
  /** The exported image's first line: what, whose, when ("Health trend · ACME, Jan – Sep 2025"). */
  title?: string;
  fileName: string;
  height: number;
  summary?: string;
  exportable?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useChartTheme();
  const { config } = props;
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      plugins: [...(config.plugins ?? []), backgroundPlugin(theme.surface)],
    });
    return () => chart.destroy();
  }, [config, theme.surface]);
  const exportPng = async () => {
    const box = canvas.current?.parentElement;
    const bytes = await renderChartPng(config, props.title ?? props.label, theme, {
      width: box?.clientWidth ?? 0,
      height: box?.clientHeight ?? 0,
    });
    if (await saveFile(props.fileName, bytes)) useApp.getState().toast('success', `Saved ${props.fileName}.`);
  };
  return (
    <figure className="chart">
      <div className="chart-box" style={{ height: props.height }}>
        <canvas ref={canvas} role="img" aria-label={props.label}>
          {props.summary ?? props.label}
        </canvas>
      </div>
      {props.exportable !== false && (
        <button
          type="button"
          className="chart-export icon-button"
          aria-label={`Export ${props.label} as PNG`}
          title="Export as PNG"
          onClick={() => exportPng().catch(reportError)}
        >
          PNG
        </button>
      )}
    </figure>
  );
}
