export { type Job, type JobHandler, type JobRow, type JobStatus } from './job';
export { scheduleJob, cancelJobs, type ScheduleJobInput, type CancelJobsFilter } from './schedule-job';
export { JobScheduler, type JobSchedulerOptions } from './scheduler';
export { retryDelaySeconds, MAX_RETRY_DELAY_SECONDS } from './retry-backoff';
