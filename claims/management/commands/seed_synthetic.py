from django.core.management.base import BaseCommand, CommandError

from claims.bulk.synthetic.seed import seed_claims


class Command(BaseCommand):
    help = (
        "Write N synthetic claims (with articles, sources, quantities, dates, citations and one to five status "
        "changes each) in bulk, for benchmarks and load tests. Deterministic for a given --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, required=True, help="How many claims to write.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data (default 1).")
        parser.add_argument("--batch", type=int, default=5000, help="Claims written per transaction (default 5000).")

    def handle(self, *args, claims, seed, batch, **options):
        if claims < 1:
            raise CommandError("--claims must be at least 1.")
        if batch < 1:
            raise CommandError("--batch must be at least 1.")

        live = self.stdout.isatty()  # a terminal redraws one bar; a log gets one line per batch

        def progress(done: int, total: int, seconds: float) -> None:
            line = progress_bar(done, total, seconds)
            if live:
                self.stdout.write("\r" + line, ending="\n" if done == total else "")
            else:
                self.stdout.write(line)
            self.stdout.flush()

        try:
            counts = seed_claims(claims=claims, seed=seed, batch=batch, progress=progress)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                "Wrote " + ", ".join(f"{count} {name}" for name, count in counts.items()) + f" (seed {seed})."
            )
        )


def progress_bar(done: int, total: int, seconds: float, width: int = 30) -> str:
    """`[#########.....]  30%  300/1000 claims, 12 s, about 28 s left`"""
    share = done / total if total else 1.0
    filled = round(width * share)
    left = f", about {seconds / share - seconds:.0f} s left" if 0 < share < 1 else ""
    return f"[{'#' * filled}{'.' * (width - filled)}] {share:4.0%}  {done}/{total} claims, {seconds:.0f} s{left}"
