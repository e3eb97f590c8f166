import { z } from "zod";

/** Free text from people: trimmed, length-bounded, no control characters and no markup. */
export function plainText(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), {
      params: { "zh-CN": "包含不允许的控制字符", en: "Contains control characters" },
    })
    .refine((s) => !/<\s*\/?\s*[a-zA-Z!]/.test(s), {
      params: { "zh-CN": "不能包含 HTML 或脚本标记", en: "Must not contain HTML or script markup" },
    });
}

export const email = () => z.string().trim().toLowerCase().max(254).email();
