from teilhabe.scenario.management.commands import load_scenario


class Command(load_scenario.Command):
    help = (
        "Load (or update) the bundled Essen scenario (the same as load_scenario --scenario essen)."
    )
    scenario = "essen"
