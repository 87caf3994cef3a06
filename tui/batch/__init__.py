"""Corpus mode (``synoptic batch``): align thousands of stories into Parquet tables.

``inputs`` reads the stories (a folder of story folders, or JSON Lines);
``story`` turns one story into rows (the same documents and alignment as
``synoptic --export json``); ``tables`` holds the pyarrow schemas and the
part files; ``pool`` runs stories in local processes and ``dask_backend`` on
a Dask cluster; ``manifest``, ``progress`` and ``report`` are what a run
leaves and says; ``run`` drives a run and ``command`` is the command line.
Nothing here imports Textual.
"""
