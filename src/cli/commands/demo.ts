import { Command } from 'commander';

export function demoCommand(): Command {
  const demo = new Command('demo').description('Demonstration data');
  demo
    .command('seed')
    .description('Fill the database with a realistic Sen ICT data set (50 customers)')
    .action(async () => {
      throw new Error('not built yet');
    });
  return demo;
}
