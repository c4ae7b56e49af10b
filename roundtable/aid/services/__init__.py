"""Every write of the aid app. Views, the API, the commands, the demo and the tests call these functions;
each checks its actor's permission (`roundtable.core.services.require`) and reports bad input as
ValidationError, so a refused attempt changes nothing.

- `importing`: reading an IATI file into the database (streamed, in batches), `runs`: the imports of an
  upload (a background job) and of the command line;
- `money`: the exchange-rate table and the conversion of values to USD and LAK;
- `funding`: how a transaction's money is counted for the groups (the shares), and counting again;
- `mapping`: the sector-to-group mapping and its default;
- `partners`: matching organisations to the directory, and the review list;
- `oda`: the national ODA database's CSV export;
- `priorities`: links from work-plan priorities to the activities that fund them.
"""
