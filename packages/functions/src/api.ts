// placeholder until the Hono app lands
export const handler = async () => ({ statusCode: 200, body: "{}" });
