import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'react';
import { saveFile } from '../api';
import { reportError, useApp } from '../store';
import { backgroundPlugin } from './plugins';
import { Chart } from './setup';
import { useChartTheme } from './theme';

/** Saves a canvas as a PNG file through the app's save dialog (or a download in the preview). */
export async function exportCanvasPng(canvas: HTMLCanvasElement, fileName: string): Promise<void> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The chart could not be turned into an image.');
  const saved = await saveFile(fileName, new Uint8Array(await blob.arrayBuffer()));
  if (saved) useApp.getState().toast('success', `Saved ${fileName}.`);
}

/**
 * One chart.js chart on a canvas, re-created when its configuration changes (memoise it), with an
 * accessible name, a text summary for screen readers, and an "Export PNG" button.
 */
export function ChartCanvas(props: {
  config: ChartConfiguration;
  /** The chart's accessible name, also the export button's. */
  label: string;
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
          onClick={() => {
            if (canvas.current) exportCanvasPng(canvas.current, props.fileName).catch(reportError);
          }}
        >
          PNG
        </button>
      )}
    </figure>
  );
}
