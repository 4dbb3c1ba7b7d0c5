from oep_build.cli import main

main()
