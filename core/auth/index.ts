export { createAuth, SESSION_HOURS, type GridworkAuth, type AuthOptions } from './create-auth';
export { UserService, type CreateUserInput } from './user-service';
export { loadPrincipal, type UserProfile } from './principal';
export { loginThrottle, MAX_FAILURES, WINDOW_MINUTES } from './login-throttle';
