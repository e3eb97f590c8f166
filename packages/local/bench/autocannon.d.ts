/** The small part of autocannon's programmatic API the bench uses (the package ships no types). */
declare module "autocannon" {
  type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  };
  export type Result = {
    url: string;
    connections: number;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
    throughput: Histogram;
  };
  /**
   * One request of the sequence. With `workers`, `setupRequest` must be the absolute path of a
   * CommonJS file whose `module.exports` is the function (functions cannot cross into the worker).
   */
  export type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: string;
  };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    workers?: number;
    method?: string;
    headers?: Record<string, string>;
    timeout?: number;
    requests?: Request[];
  };
  export default function autocannon(options: Options): Promise<Result>;
}
