import { registerDict } from "../i18n";
// Dictionary entries of one area; registered with the dictionary in ../i18n.ts when imported.
// The customer's pages (no account): /repair/#token (report a repair) and /track/#token (follow it).
export const publicDict = {
  // ---- shell
  "public.brand": { "zh-CN": "售后报修服务", en: "After-sales repair service" },
  "public.loading": { "zh-CN": "正在加载…", en: "Loading…" },
  "public.retry": { "zh-CN": "重试", en: "Try again" },
  "public.required": { "zh-CN": "必填", en: "required" },
  "public.optional": { "zh-CN": "（选填）", en: "(optional)" },
  "public.colon": { "zh-CN": "：", en: ": " },
  "public.privacyFooter": {
    "zh-CN": "此页面的链接是您的专属链接，请勿转发给无关人员。",
    en: "The link of this page is private to you; do not share it with others.",
  },

  // ---- invalid link
  "public.invalid.title": { "zh-CN": "链接无效或已失效", en: "This link is not valid" },
  "public.invalid.body": {
    "zh-CN": "该链接可能输入不完整、已被停用或已更换。请联系物业管理处或我们的客服人员获取新的链接。",
    en: "The link may be incomplete, deactivated or replaced. Please ask your property management office or our service staff for a new link.",
  },
  "public.invalid.noToken": {
    "zh-CN": "链接不完整：请通过收到的完整链接或二维码打开此页面。",
    en: "The link is incomplete: open this page with the full link or QR code you received.",
  },

  // ---- repair page
  "public.repair.title": { "zh-CN": "在线报修", en: "Report a repair" },
  "public.repair.project": { "zh-CN": "工程", en: "Project" },
  "public.repair.intro": {
    "zh-CN": "请描述需要维修的问题，提交后您会得到工单号和专属跟踪链接。",
    en: "Describe what needs repairing. After sending you get a ticket number and a private tracking link.",
  },
  "public.repair.loading": { "zh-CN": "正在打开报修表…", en: "Opening the repair form…" },
  "public.repair.sectionProblem": { "zh-CN": "问题描述", en: "The problem" },
  "public.repair.sectionContact": { "zh-CN": "联系人", en: "Your contact details" },
  "public.repair.description": { "zh-CN": "问题描述", en: "What is wrong?" },
  "public.repair.descriptionHint": {
    "zh-CN": "例如：3 楼男卫生间天花板渗水，已持续两天。",
    en: "For example: water is leaking from the ceiling of the 3rd-floor men's toilet, for two days now.",
  },
  "public.repair.location": { "zh-CN": "具体位置", en: "Where exactly?" },
  "public.repair.locationHint": { "zh-CN": "楼栋、楼层、房间号等", en: "Building, floor, room number…" },
  "public.repair.category": { "zh-CN": "问题类别", en: "Category" },
  "public.repair.categoryChoose": { "zh-CN": "请选择类别", en: "Choose a category" },
  "public.repair.urgency": { "zh-CN": "紧急程度", en: "How urgent is it?" },
  "public.repair.photos": { "zh-CN": "现场照片", en: "Photos" },
  "public.repair.photosHint": {
    "zh-CN": "最多 6 张，每张不超过 10 MB（JPG、PNG、WebP、HEIC）。",
    en: "Up to 6 photos, 10 MB each at most (JPG, PNG, WebP, HEIC).",
  },
  "public.repair.addPhotos": { "zh-CN": "拍照或选择照片", en: "Take or choose photos" },
  "public.repair.photoCount": { "zh-CN": "已添加 {n}/6 张", en: "{n} of 6 added" },
  "public.repair.photoUploading": { "zh-CN": "上传中…", en: "Uploading…" },
  "public.repair.photoFailed": { "zh-CN": "上传失败", en: "Upload failed" },
  "public.repair.photoRemove": { "zh-CN": "删除照片 {name}", en: "Remove photo {name}" },
  "public.repair.photoTooMany": {
    "zh-CN": "最多只能添加 6 张照片，多出的 {n} 张未添加。",
    en: "You can add at most 6 photos; {n} more were not added.",
  },
  "public.repair.contactName": { "zh-CN": "联系人姓名", en: "Your name" },
  "public.repair.contactPhone": { "zh-CN": "联系电话", en: "Phone number" },
  "public.repair.contactPhoneHint": {
    "zh-CN": "手机号或座机号（座机请加区号）",
    en: "Mobile or landline (landline with area code)",
  },
  "public.repair.contactEmail": { "zh-CN": "电子邮箱", en: "Email" },
  "public.repair.contactEmailHint": {
    "zh-CN": "用于接收受理确认和维修进度通知。",
    en: "To receive a confirmation and updates on the repair.",
  },
  "public.repair.submit": { "zh-CN": "提交报修", en: "Send the repair request" },
  "public.repair.submitting": { "zh-CN": "正在提交…", en: "Sending…" },
  "public.repair.waitUploads": { "zh-CN": "照片上传中，请稍候…", en: "Uploading photos, please wait…" },
  "public.repair.fixErrors": {
    "zh-CN": "请检查下方标出的内容。",
    en: "Please check the fields marked below.",
  },
  "public.repair.photosFailedBlock": {
    "zh-CN": "有照片未上传成功，请删除后重新添加。",
    en: "Some photos were not uploaded; remove them and add them again.",
  },

  // urgency cards
  "public.urgency.emergency": { "zh-CN": "紧急抢修", en: "Emergency" },
  "public.urgency.emergency.desc": {
    "zh-CN": "影响安全或无法正常使用（如漏水、停电、停水），维修人员 48 小时内到场。",
    en: "A safety risk or the building cannot be used (leak, no power, no water): someone on site within 48 hours.",
  },
  "public.urgency.small": { "zh-CN": "小问题", en: "Small issue" },
  "public.urgency.small.desc": { "zh-CN": "简单的小问题，当天解决。", en: "A simple fix, resolved the same day." },
  "public.urgency.general": { "zh-CN": "一般维修", en: "General repair" },
  "public.urgency.general.desc": {
    "zh-CN": "不紧急的维修，在约定期限内修好。",
    en: "Not urgent; repaired within the agreed period.",
  },
  "public.urgency.difficult": { "zh-CN": "工艺难度大", en: "Technically difficult" },
  "public.urgency.difficult.desc": {
    "zh-CN": "需要专门工艺或材料，我们会尽快处理。",
    en: "Needs special work or materials; we fix it as fast as possible.",
  },

  // success
  "public.success.title": { "zh-CN": "报修已提交", en: "Your repair request was sent" },
  "public.success.number": { "zh-CN": "工单号", en: "Ticket number" },
  "public.success.linkLabel": { "zh-CN": "您的专属跟踪链接", en: "Your private tracking link" },
  "public.success.linkIntro": {
    "zh-CN": "通过此链接可随时查看维修进度、验收维修并评价。请收藏或保存。",
    en: "Use this link to follow the repair, accept it and rate it. Bookmark or save it.",
  },
  "public.success.copy": { "zh-CN": "复制链接", en: "Copy link" },
  "public.success.copied": { "zh-CN": "已复制", en: "Copied" },
  "public.success.copyFailed": {
    "zh-CN": "无法自动复制，请长按链接手动复制。",
    en: "Could not copy; press and hold the link to copy it.",
  },
  "public.success.open": { "zh-CN": "打开跟踪页面", en: "Open the tracking page" },
  "public.success.private": {
    "zh-CN": "请妥善保管此链接：任何拿到链接的人都能查看和验收该工单，请勿转发或公开。",
    en: "Keep this link private: anyone who has it can see and accept this repair. Do not forward or publish it.",
  },
  "public.success.emailSent": {
    "zh-CN": "确认邮件已发送至 {email}。",
    en: "A confirmation was sent to {email}.",
  },
  "public.success.another": { "zh-CN": "再报修一个问题", en: "Report another problem" },

  // ---- client-side validation (mirrors the API)
  "public.v.required": { "zh-CN": "请填写此项。", en: "Please fill this in." },
  "public.v.choose": { "zh-CN": "请选择一项。", en: "Please choose one." },
  "public.v.tooLong": { "zh-CN": "最多 {n} 个字。", en: "At most {n} characters." },
  "public.v.phone": {
    "zh-CN": "请填写正确的手机号或座机号（如 13812345678 或 021-12345678）。",
    en: "Enter a valid mobile or landline number (e.g. 13812345678 or 021-12345678).",
  },
  "public.v.email": { "zh-CN": "邮箱地址格式不正确。", en: "Enter a valid email address." },
  "public.v.fileType": {
    "zh-CN": "文件类型不支持，仅支持 JPG、PNG、WebP、HEIC 图片和 PDF。",
    en: "Unsupported file type; use JPG, PNG, WebP, HEIC images or PDF.",
  },
  "public.v.imageType": {
    "zh-CN": "请选择图片（JPG、PNG、WebP、HEIC）。",
    en: "Choose an image (JPG, PNG, WebP, HEIC).",
  },
  "public.v.fileSize": { "zh-CN": "文件不能超过 10 MB。", en: "The file must not exceed 10 MB." },
  "public.v.amount": {
    "zh-CN": "请填写金额（元），最多两位小数，例如 1234.50。",
    en: "Enter the amount in yuan with at most 2 decimals, e.g. 1234.50.",
  },
  "public.v.amountRange": {
    "zh-CN": "金额须大于 0 且不超过 1,000,000 元。",
    en: "The amount must be more than 0 and at most 1,000,000 yuan.",
  },
  "public.v.rating": { "zh-CN": "请选择 1–5 星评分。", en: "Choose a rating from 1 to 5 stars." },
  "public.v.receipt": { "zh-CN": "请上传发票或收据。", en: "Upload the invoice or receipt." },
  "public.v.receiptUploading": { "zh-CN": "收据正在上传，请稍候。", en: "The receipt is still uploading." },

  // ---- track page
  "public.track.title": { "zh-CN": "维修进度", en: "Repair status" },
  "public.track.loading": { "zh-CN": "正在加载维修进度…", en: "Loading the repair status…" },
  "public.track.number": { "zh-CN": "工单号", en: "Ticket" },
  "public.track.project": { "zh-CN": "工程", en: "Project" },
  "public.track.status": { "zh-CN": "当前状态", en: "Status" },
  "public.track.refresh": { "zh-CN": "刷新", en: "Refresh" },
  "public.track.refreshing": { "zh-CN": "正在刷新…", en: "Refreshing…" },
  "public.track.progress": { "zh-CN": "维修进度", en: "Progress" },
  "public.track.details": { "zh-CN": "报修内容", en: "Your report" },
  "public.track.severity": { "zh-CN": "紧急程度", en: "Urgency" },
  "public.track.coverage": { "zh-CN": "保修情况", en: "Warranty" },
  "public.track.category": { "zh-CN": "类别", en: "Category" },
  "public.track.location": { "zh-CN": "位置", en: "Location" },
  "public.track.description": { "zh-CN": "问题描述", en: "Description" },
  "public.track.reportedAt": { "zh-CN": "报修时间", en: "Reported" },
  "public.track.engineer": { "zh-CN": "维修人员", en: "Engineer" },
  "public.track.engineerPending": { "zh-CN": "待派工", en: "Not yet assigned" },
  "public.track.repairNote": { "zh-CN": "维修说明", en: "Repair note" },
  "public.track.photos": { "zh-CN": "现场照片", en: "Photos" },
  "public.track.photoAlt": { "zh-CN": "现场照片 {n}", en: "Photo {n}" },
  "public.track.timeline": { "zh-CN": "处理记录", en: "History" },
  "public.track.timeNote": { "zh-CN": "时间均为北京时间", en: "Times are Beijing time" },
  "public.track.billableNote": {
    "zh-CN": "我们仍会尽快为您处理；此次维修可能需要收费，费用会事先与您确认。",
    en: "We still respond at once; this repair may be charged, and we will agree the cost with you first.",
  },

  // statuses (step tracker)
  "public.status.reported": { "zh-CN": "已报修", en: "Reported" },
  "public.status.acknowledged": { "zh-CN": "已受理", en: "Acknowledged" },
  "public.status.dispatched": { "zh-CN": "已派工", en: "Engineer assigned" },
  "public.status.on_site": { "zh-CN": "已到场", en: "On site" },
  "public.status.repaired": { "zh-CN": "已修复", en: "Repaired" },
  "public.status.accepted": { "zh-CN": "已验收", en: "Accepted" },
  "public.status.reopened": { "zh-CN": "退回重修", en: "Sent back for repair" },
  "public.status.closed": { "zh-CN": "已关闭", en: "Closed" },

  // coverage
  "public.coverage.in_warranty": { "zh-CN": "保修期内", en: "In warranty" },
  "public.coverage.expired": { "zh-CN": "已过保修期（可能收费）", en: "Warranty expired (may be charged)" },
  "public.coverage.not_our_cause": { "zh-CN": "非本公司原因", en: "Not caused by us" },

  // categories (GET /api/public/track returns only the key)
  "public.category.foundation_structure": { "zh-CN": "地基基础和主体结构", en: "Foundation & main structure" },
  "public.category.waterproofing": {
    "zh-CN": "屋面防水、有防水要求的房间和外墙防渗漏",
    en: "Roof waterproofing, wet rooms & exterior walls",
  },
  "public.category.heating": { "zh-CN": "供热系统", en: "Heating system" },
  "public.category.cooling": { "zh-CN": "供冷系统", en: "Cooling system" },
  "public.category.electrical": { "zh-CN": "电气管线", en: "Electrical wiring" },
  "public.category.plumbing": { "zh-CN": "给排水管道", en: "Water supply & drainage pipes" },
  "public.category.equipment": { "zh-CN": "设备安装", en: "Equipment installation" },
  "public.category.decoration": { "zh-CN": "装修工程", en: "Decoration" },
  "public.category.other": { "zh-CN": "其他", en: "Other" },

  // deadline
  "public.deadline.arrival": { "zh-CN": "维修人员最迟到场时间", en: "Engineer on site by" },
  "public.deadline.resolution": { "zh-CN": "最迟修复时间", en: "Repaired by" },
  "public.deadline.elapsedTitle": { "zh-CN": "工艺难度大，我们正在尽快处理", en: "Difficult repair: we are on it as fast as possible" },
  "public.deadline.remaining": { "zh-CN": "剩余 {d}", en: "{d} left" },
  "public.deadline.overdue": { "zh-CN": "已超时 {d}", en: "Overdue by {d}" },
  "public.deadline.elapsed": { "zh-CN": "已用时 {d}", en: "{d} so far" },
  "public.deadline.took": { "zh-CN": "用时 {d}", en: "Took {d}" },
  "public.deadline.arrivedAt": { "zh-CN": "维修人员已于 {t} 到场", en: "The engineer arrived at {t}" },
  "public.deadline.repairedAt": { "zh-CN": "已于 {t} 修复", en: "Repaired at {t}" },
  "public.deadline.onTime": { "zh-CN": "按时", en: "on time" },
  "public.deadline.late": { "zh-CN": "超时", en: "late" },
  "public.deadline.restarted": {
    "zh-CN": "您已退回重修，时限从退回时重新计算。",
    en: "You sent the repair back; the clock restarted then.",
  },
  "public.dur.d": { "zh-CN": "{n}天", en: "{n}d" },
  "public.dur.h": { "zh-CN": "{n}小时", en: "{n}h" },
  "public.dur.m": { "zh-CN": "{n}分", en: "{n}m" },
  "public.dur.s": { "zh-CN": "{n}秒", en: "{n}s" },

  // timeline
  "public.event.ticket.reported": { "zh-CN": "提交报修", en: "Repair reported" },
  "public.event.ticket.acknowledged": { "zh-CN": "客服已受理", en: "Acknowledged" },
  "public.event.ticket.classified": { "zh-CN": "工单信息已核定", en: "Ticket details reviewed" },
  "public.event.ticket.dispatched": { "zh-CN": "已派维修人员", en: "Engineer assigned" },
  "public.event.ticket.redispatched": { "zh-CN": "已改派维修人员", en: "Engineer reassigned" },
  "public.event.ticket.arrived": { "zh-CN": "维修人员到场", en: "Engineer on site" },
  "public.event.ticket.repaired": { "zh-CN": "维修完成，等待您验收", en: "Repaired, waiting for your acceptance" },
  "public.event.ticket.accepted": { "zh-CN": "您已验收", en: "You accepted the repair" },
  "public.event.ticket.reopened": { "zh-CN": "您已退回重修", en: "You sent it back for repair" },
  "public.event.ticket.closed": { "zh-CN": "工单已关闭", en: "Ticket closed" },
  "public.event.ticket.escalated": { "zh-CN": "已上报管理层督办", en: "Escalated to management" },
  "public.event.ticket.third_party_allowed": {
    "zh-CN": "超过约定期限未派工，您可委托他人维修",
    en: "Deadline passed without dispatch: you may hire someone else",
  },
  "public.event.other": { "zh-CN": "工单更新", en: "Ticket updated" },

  // accept / reopen
  "public.accept.title": { "zh-CN": "验收维修", en: "Accept the repair" },
  "public.accept.intro": {
    "zh-CN": "维修已完成。请确认问题是否已解决，并为本次服务评分。",
    en: "The repair is done. Please check that the problem is solved and rate our service.",
  },
  "public.accept.rating": { "zh-CN": "服务评分", en: "Your rating" },
  "public.accept.star": { "zh-CN": "{n} 星", en: "{n} star(s)" },
  "public.accept.r1": { "zh-CN": "很不满意", en: "Very dissatisfied" },
  "public.accept.r2": { "zh-CN": "不满意", en: "Dissatisfied" },
  "public.accept.r3": { "zh-CN": "一般", en: "Okay" },
  "public.accept.r4": { "zh-CN": "满意", en: "Satisfied" },
  "public.accept.r5": { "zh-CN": "非常满意", en: "Very satisfied" },
  "public.accept.comment": { "zh-CN": "评价意见", en: "Comment" },
  "public.accept.commentHint": { "zh-CN": "对本次维修服务的意见或建议", en: "Anything you want to tell us about the repair" },
  "public.accept.submit": { "zh-CN": "确认验收", en: "Accept the repair" },
  "public.accept.submitting": { "zh-CN": "正在提交…", en: "Sending…" },
  "public.accept.done": { "zh-CN": "感谢您的验收和评价！", en: "Thank you for accepting and rating the repair!" },
  "public.accept.accepted": { "zh-CN": "您已于 {t} 验收", en: "You accepted the repair at {t}" },
  "public.accept.yourRating": { "zh-CN": "您的评分", en: "Your rating" },
  "public.reopen.title": { "zh-CN": "没修好？退回重修", en: "Not fixed? Send it back" },
  "public.reopen.intro": {
    "zh-CN": "如果问题没有解决，请说明原因，我们会重新安排维修。",
    en: "If the problem is not solved, tell us why and we will repair it again.",
  },
  "public.reopen.reason": { "zh-CN": "退回原因", en: "What is still wrong?" },
  "public.reopen.submit": { "zh-CN": "退回重修", en: "Send back for repair" },
  "public.reopen.submitting": { "zh-CN": "正在提交…", en: "Sending…" },
  "public.reopen.done": {
    "zh-CN": "已退回重修，我们会尽快重新安排维修。",
    en: "Sent back. We will arrange the repair again as soon as possible.",
  },

  // third-party claim
  "public.claim.title": { "zh-CN": "委托他人维修的费用", en: "Cost of a repair by someone else" },
  "public.claim.intro": {
    "zh-CN": "我们未能在约定期限内派人维修。根据我们的保修承诺，您可以委托其他单位维修；费用经本公司审核确认后，从该工程的保修金中扣除。",
    en: "We did not send anyone within the agreed period. Under our warranty commitment you may have the repair done by someone else; once approved by our company, the cost is deducted from the project's warranty deposit.",
  },
  "public.claim.formTitle": { "zh-CN": "提交维修费用", en: "File the repair cost" },
  "public.claim.amount": { "zh-CN": "维修费用（元）", en: "Amount (yuan)" },
  "public.claim.amountHint": { "zh-CN": "以发票或收据金额为准，例如 1234.50", en: "As on the invoice or receipt, e.g. 1234.50" },
  "public.claim.description": { "zh-CN": "维修说明", en: "What was repaired, and by whom" },
  "public.claim.receipt": { "zh-CN": "发票或收据", en: "Invoice or receipt" },
  "public.claim.receiptHint": {
    "zh-CN": "图片或 PDF，不超过 10 MB。",
    en: "An image or PDF, 10 MB at most.",
  },
  "public.claim.receiptChoose": { "zh-CN": "拍照或选择文件", en: "Take a photo or choose a file" },
  "public.claim.receiptUploading": { "zh-CN": "正在上传 {name}…", en: "Uploading {name}…" },
  "public.claim.receiptReady": { "zh-CN": "已上传：{name}", en: "Uploaded: {name}" },
  "public.claim.submit": { "zh-CN": "提交费用", en: "Submit the cost" },
  "public.claim.submitting": { "zh-CN": "正在提交…", en: "Sending…" },
  "public.claim.done": {
    "zh-CN": "费用已提交，审核结果会在此页面显示。",
    en: "The cost was submitted; the decision will show on this page.",
  },
  "public.claim.list": { "zh-CN": "已提交的费用", en: "Submitted costs" },
  "public.claim.claimed": { "zh-CN": "申请金额", en: "Claimed" },
  "public.claim.approvedAmount": { "zh-CN": "认可金额", en: "Approved" },
  "public.claim.deducted": { "zh-CN": "已从保修金扣除", en: "Deducted from the deposit" },
  "public.claim.submittedAt": { "zh-CN": "提交时间", en: "Submitted" },
  "public.claim.decidedAt": { "zh-CN": "审核时间", en: "Decided" },
  "public.claim.reason": { "zh-CN": "原因", en: "Reason" },
  "public.claim.status.submitted": { "zh-CN": "审核中", en: "Under review" },
  "public.claim.status.approved": { "zh-CN": "已认可", en: "Approved" },
  "public.claim.status.rejected": { "zh-CN": "未认可", en: "Rejected" },
  "public.claim.resubmit": {
    "zh-CN": "上次提交未被认可，您可以补充材料后重新提交。",
    en: "Your last claim was rejected; you may submit again with more details.",
  },
} as const satisfies Record<string, { "zh-CN": string; en: string }>;

registerDict(publicDict);
