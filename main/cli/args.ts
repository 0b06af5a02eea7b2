// A tiny argv reader: positional words, --flag value, --flag=value and boolean --flag.
export interface Args {
  words: string[];
  flags: Map<string, string | true>;
}

const BOOLEAN = new Set(['json', 'help']);

export function parseArgs(argv: readonly string[]): Args {
  const words: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      words.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (BOOLEAN.has(a.slice(2)) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--'))
      flags.set(a.slice(2), true);
    else flags.set(a.slice(2), argv[++i]!);
  }
  return { words, flags };
}

export function flag(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
