export { seedDistrict, SEED_CASES, type SeedScale, type SeedProgress } from './seed-district';
export { demoCase } from './demo-cases';
export { demoResident, demoPlace, RESIDENTS_PER_GRID, PLACES_PER_GRID } from './demo-register';
export { prng, pick } from './prng';
export { demoAccounts, seedDemoAccounts, DEMO_PASSWORD, type DemoAccount } from './demo-accounts';
export { seedDemo } from './seed-demo';
