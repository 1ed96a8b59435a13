import { Command, Option } from 'commander';
import { cliActor } from '../../guard/actor.ts';
import { statementPage } from '../../statement/pages.ts';
import type { Lang } from '../../statement/statement-document.ts';
import { withRuntime } from '../output.ts';

export function statementCommand(): Command {
  const statement = new Command('statement').description('The privacy statement generated from the policy');
  statement
    .command('render')
    .description("Print the current policy's statement (not published) to standard output")
    .addOption(new Option('--lang <lang>', 'language').choices(['nl', 'en']).default('nl'))
    .addOption(new Option('--format <format>', 'Markdown or a complete HTML page').choices(['md', 'html']).default('md'))
    .action(async (o: { lang: Lang; format: 'md' | 'html' }) => {
      const rendered = (await withRuntime(({ services }) => services.statement.renderCurrent()))[o.lang];
      process.stdout.write(
        o.format === 'md'
          ? rendered.markdown
          : statementPage(o.lang, { version: null, article: rendered.html, markdown: rendered.markdown }, false),
      );
    });
  statement
    .command('publish')
    .description('Publish the statement as a new version at /privacy; unchanged text publishes nothing')
    .option('--material-change', 'customers are to be told of this change')
    .option('--summary <text>', 'what changed, shown in the list of versions')
    .action(async (o: { materialChange?: boolean; summary?: string }) => {
      const result = await withRuntime(({ services }) =>
        services.statement.publish(cliActor(), {
          materialChange: o.materialChange === true,
          ...(o.summary === undefined ? {} : { changeSummary: o.summary }),
        }),
      );
      const v = result.version;
      console.log(
        result.published
          ? `Published version ${v.version} (${v.publishedAt}).`
          : `Nothing changed since version ${v.version} (${v.publishedAt}); nothing was published.`,
      );
      if (result.published && v.customerNotice === 'requested')
        console.log('Customers are to be told of this change (customer notice requested).');
    });
  return statement;
}
