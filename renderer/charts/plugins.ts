import type { Plugin } from 'chart.js';

export interface Band {
  from: number;
  to: number;
  color: string;
  label?: string;
}

/**
 * Shades horizontal bands behind the datasets (e.g. the Critical / Risk / Healthy ranges of a
 * KPI), clipped to the plot area, with the band's name at its left edge when it fits.
 */
export function bandsPlugin(bands: Band[], labelColor?: string): Plugin {
  return {
    id: 'bands',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      const y = scales.y;
      if (!y || !area) return;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      for (const b of bands) {
        const y0 = y.getPixelForValue(b.from);
        const y1 = y.getPixelForValue(b.to);
        const top = Math.max(Math.min(y0, y1), area.top);
        const bottom = Math.min(Math.max(y0, y1), area.bottom);
        if (bottom <= top) continue;
        ctx.fillStyle = b.color;
        ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
        if (b.label && labelColor && bottom - top >= 14) {
          ctx.fillStyle = labelColor;
          ctx.font = '11px system-ui, sans-serif';
          ctx.textBaseline = 'top';
          ctx.fillText(b.label, area.left + 6, top + 3);
        }
      }
      ctx.restore();
    },
  };
}

/** Paints the canvas background, so an exported PNG is not transparent. */
export function backgroundPlugin(color: string): Plugin {
  return {
    id: 'background',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}
