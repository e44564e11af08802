from pia_kg.cli import main

main()
