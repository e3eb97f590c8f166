// echarts, tree-shaken, for the warranty report only. The report island loads this module with a
// dynamic import(), so no other page ships echarts.
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", Roboto, Arial, sans-serif';
const base = (narrow: boolean): Option => ({
  textStyle: { fontFamily: FONT, color: "#1b2430" },
  aria: { enabled: true },
  animationDuration: 400,
  tooltip: { trigger: "axis", confine: true },
  legend: { type: "scroll", bottom: 0, itemGap: narrow ? 8 : 14, textStyle: { fontSize: narrow ? 11 : 12 } },
  grid: { left: 8, right: 28, top: 16, bottom: narrow ? 56 : 44, containLabel: true },
});

export type Series = { name: string; color: string; data: number[] };

export function stackedBar(categories: string[], series: Series[], narrow: boolean): Option {
  return {
    ...base(narrow),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
    xAxis: { type: "category", data: categories, axisLabel: { interval: 0, fontSize: narrow ? 11 : 12 } },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((s) => ({
      type: "bar",
      name: s.name,
      stack: "total",
      data: s.data,
      itemStyle: { color: s.color },
      barMaxWidth: 56,
      emphasis: { focus: "series" },
    })),
  } as Option;
}

export function lines(categories: string[], series: Series[], narrow: boolean): Option {
  return {
    ...base(narrow),
    xAxis: { type: "category", data: categories, boundaryGap: false, axisLabel: { fontSize: narrow ? 10 : 12 } },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((s) => ({
      type: "line",
      name: s.name,
      data: s.data,
      smooth: false,
      symbolSize: 7,
      itemStyle: { color: s.color },
      lineStyle: { color: s.color, width: 2 },
    })),
  } as Option;
}

export function donut(items: { name: string; value: number; color: string }[], narrow: boolean): Option {
  return {
    ...base(narrow),
    tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)", confine: true },
    legend: { show: false },
    series: [
      {
        type: "pie",
        radius: ["34%", "56%"],
        center: ["50%", "50%"],
        avoidLabelOverlap: true,
        label: { formatter: "{b}\n{c}", fontSize: narrow ? 11 : 12, overflow: "none" },
        labelLine: { length: 8, length2: 8 },
        data: items.map((i) => ({ name: i.name, value: i.value, itemStyle: { color: i.color } })),
      },
    ],
  } as Option;
}

export type Chart = { set(option: Option): void; resize(): void; dispose(): void };

/** A chart in `el` that follows the element's size (and the print layout). */
export function mount(el: HTMLElement): Chart {
  const chart = echarts.init(el, undefined, { renderer: "canvas", devicePixelRatio: Math.max(2, window.devicePixelRatio || 1) });
  const ro = new ResizeObserver(() => chart.resize());
  ro.observe(el);
  const print = () => chart.resize();
  window.addEventListener("beforeprint", print);
  window.addEventListener("afterprint", print);
  return {
    set: (option) => chart.setOption(option, { notMerge: true }),
    resize: () => chart.resize(),
    dispose() {
      ro.disconnect();
      window.removeEventListener("beforeprint", print);
      window.removeEventListener("afterprint", print);
      chart.dispose();
    },
  };
}
