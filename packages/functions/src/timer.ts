// placeholder until the timer handler lands
export const handler = async () => ({});
