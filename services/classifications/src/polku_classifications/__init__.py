"""The statistical classifications every Polku service reads, shipped as data with their source and version named:
one copy, so two services never disagree on what a code means.

- :mod:`polku_classifications.isco08`: occupations (ISCO-08; Statistics Finland's *Ammattiluokitus 2010*);
- :mod:`polku_classifications.municipalities`: municipality codes (*kuntanumero*) and their regions (*maakunta*);
- :mod:`polku_classifications.sub_regions`: the sub-regional units (*seutukunta*), the commuting areas and the
  employment areas metrics-api groups figures by;
- :mod:`polku_classifications.tol2008`: industries (*Toimialaluokitus TOL 2008*, the national version of NACE Rev. 2).

A library: imported by the services, never run, and it imports nothing of Polku's."""

from pathlib import Path

DATA = Path(__file__).with_name("data")
