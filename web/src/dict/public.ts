// Dictionary entries of one area; merged into the one dictionary in ../i18n.ts.
export const publicDict = {} as const satisfies Record<string, { "zh-CN": string; en: string }>;
