export { seedDistrict, SEED_CASES, type SeedScale, type SeedProgress } from './seed-district';
export { demoCase } from './demo-cases';
export { prng, pick } from './prng';
export { demoAccounts, seedDemoAccounts, DEMO_PASSWORD, type DemoAccount } from './demo-accounts';
